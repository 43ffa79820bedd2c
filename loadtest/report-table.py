#!/usr/bin/env python3
"""Prints the per-request table of a Gatling HTML report (index.html): count, KO, rate, p50/p95/p99/max (ms).
Percentiles are Gatling's "total" column (OK and KO together). Usage: report-table.py <report dir or index.html>"""
import html, os, re, sys

path = sys.argv[1]
if os.path.isdir(path):
    path = os.path.join(path, "index.html")
text = open(path, encoding="utf-8").read()
rows = re.findall(r'class="ellipsed-name">([^<]*)</span>(.*?)</tr>', text, re.S)
print(f"{'request':44s} {'count':>7s} {'KO':>6s} {'KO %':>6s} {'req/s':>7s} {'p50':>6s} {'p95':>6s} {'p99':>6s} {'max':>6s}")
for name, cells in rows:
    values = dict(re.findall(r'col-(\d+)">([^<]*)</td>', cells))
    get = lambda c: values.get(str(c), "-")
    print(f"{html.unescape(name)[:44]:44s} {get(2):>7s} {get(4):>6s} {get(5):>6s} {get(6):>7s} {get(8):>6s} {get(10):>6s} "
          f"{get(11):>6s} {get(12):>6s}")
