#!/bin/bash
# Container HEALTHCHECK without curl or wget in the image: one HTTP/1.0 GET over bash's /dev/tcp.
set -u
case "${RTX_SERVICE:-}" in
  gateway)  port=7999; path=/health ;;
  risk)     port=8081; path=/actuator/health/liveness ;;
  matching) port=8082; path=/actuator/health/liveness ;;
  ledger)   port=8083; path=/actuator/health/liveness ;;
  *) echo "unknown RTX_SERVICE '${RTX_SERVICE:-}'" >&2; exit 1 ;;
esac
port="${SERVER_PORT:-$port}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3 || exit 1
[[ "$status" == *" 200 "* ]]
