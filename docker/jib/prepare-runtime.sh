#!/usr/bin/env bash
# Prepares the non-Java part of a daemonless, FROM-scratch Jib image (Maven profile `image`, root pom):
#   <out>/opt/java/                          a jlinked JRE (only the modules given)
#   <out>/lib64/ld-linux-x86-64.so.2         the dynamic loader the JRE's ELF files name (PT_INTERP)
#   <out>/lib/x86_64-linux-gnu/*.so*         the glibc/libstdc++/libgcc_s/libz libraries that the JRE and the
#                                            JNI libraries inside the classpath jars (RocksDB, zstd, snappy,
#                                            lz4, netty-epoll...) link against, copied from this machine
#   <out>/etc/{passwd,group,nsswitch.conf}   user and group 65532 (nonroot)
#   <out>/tmp, <out>/var/lib/rtx/state       the writable paths (volumes in the image)
# Jib copies <out> as an extra directory and sets the modes (exec bits, world-writable dirs) itself:
# see <extraDirectories><permissions> in the root pom. No Docker, no base image, no network.
#
# usage: prepare-runtime.sh --out DIR --modules m1,m2,... [--classpath CP] [--jdk JAVA_HOME]
set -euo pipefail

out="" modules="" classpath="" jdk="${JAVA_HOME:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --modules) modules="$2"; shift 2 ;;
    --classpath) classpath="$2"; shift 2 ;;
    --jdk) jdk="$2"; shift 2 ;;
    *) echo "usage: $0 --out DIR --modules m1,m2 [--classpath CP] [--jdk JAVA_HOME]" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] && [ -n "$modules" ] || { echo "--out and --modules are required" >&2; exit 2; }
[ -n "$jdk" ] || jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
[ -x "$jdk/bin/jlink" ] && [ -d "$jdk/jmods" ] || { echo "no jlink/jmods under $jdk (install the JDK's jmods)" >&2; exit 1; }
[ "$(uname -s)/$(uname -m)" = "Linux/x86_64" ] || { echo "builds linux/amd64 images on linux/amd64 only" >&2; exit 1; }
for tool in ldd readelf unzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

# Jars on the runtime classpath that carry a glibc x86-64 JNI library (musl and other platforms skipped).
native_re='(linux[^/]*(64|x86.64|amd64)|(x86.64|amd64)[^/]*linux|native/lib[^/]*x86_64)[^/]*\.so$|linux/(x86.64|amd64)/[^/]*\.so$'
other_re='musl|ppc|aarch|arm|s390|i386|linux32|mips|loongarch|riscv|freebsd|osx|darwin|win'
native_jars=()
IFS=':' read -r -a cp_entries <<< "$classpath"
for jar in "${cp_entries[@]}"; do
  case "$jar" in *.jar) ;; *) continue ;; esac
  [ -f "$jar" ] || continue
  if unzip -Z1 "$jar" 2>/dev/null | grep -iE "$native_re" | grep -viqE "$other_re"; then
    native_jars+=("$jar")
  fi
done

# Skip the work when nothing that goes into <out> changed (same script, JDK, modules and native jars).
stamp="$(
  { sha256sum "$0"; echo "$jdk $modules"; cat "$jdk/release";
    for jar in "${native_jars[@]}"; do echo "$jar $(stat -c %s "$jar")"; done; } | sha256sum | cut -c1-64
)"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -x "$out/opt/java/bin/java" ]; then
  echo "prepare-runtime: $out is up to date"
  exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The JRE. The GUI natives of java.desktop (X11, fonts, sound, image codecs, splash) are left out: the
#    module is there only for java.beans (Spring), and those libraries would drag in X11/freetype/alsa.
"$jdk/bin/jlink" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 \
  --exclude-files='regex:.*/lib/lib(awt_xawt|jawt|splashscreen|jsound|fontmanager|javajpeg|lcms|j2pcsc|saproc|attach)\.so' \
  --output "$out/opt/java"

# 2. The shared libraries: everything ldd resolves outside the JRE, for every ELF file of the JRE and every
#    JNI library in the jars, plus the loader. Copied (not linked) to the paths ldd reports, so the loader's
#    default search path (/lib/x86_64-linux-gnu first) finds them without an ld.so.cache.
elves=()
while IFS= read -r -d '' f; do
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then elves+=("$f"); fi
done < <(find "$out/opt/java" -type f -print0)
for jar in "${native_jars[@]}"; do
  dest="$work/native/$(basename "$jar" .jar)"
  mkdir -p "$dest"
  unzip -Z1 "$jar" | grep -iE "$native_re" | grep -viE "$other_re" | while IFS= read -r entry; do
    unzip -q -o -j "$jar" "$entry" -d "$dest"
  done
  while IFS= read -r -d '' f; do
    # Only x86-64 ELF objects: a name pattern is a guess, the ELF header is not.
    if readelf -h "$f" 2>/dev/null | grep -q 'Machine:.*X86-64'; then elves+=("$f"); fi
  done < <(find "$dest" -name '*.so' -print0)
done

interp="$(readelf -l "$out/opt/java/bin/java" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')"
[ -n "$interp" ] || { echo "no program interpreter in $out/opt/java/bin/java" >&2; exit 1; }
mkdir -p "$out$(dirname "$interp")"
cp -L "$interp" "$out$interp"

: > "$work/libs"
missing=0
for elf in "${elves[@]}"; do
  # 'name => /path (addr)' lines; 'not found' is fatal unless the JRE itself has the library ($ORIGIN paths).
  { LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" ldd "$elf" 2>/dev/null || echo "ldd-failed => not"; } | while read -r name arrow path _; do
    [ "$arrow" = "=>" ] || continue
    if [ "$path" = "not" ]; then echo "MISSING $name (needed by $elf)"; continue; fi
    case "$path" in "$out"/*) continue ;; esac
    echo "$path"
  done >> "$work/libs"
done
if grep -q '^MISSING' "$work/libs"; then grep '^MISSING' "$work/libs" >&2; missing=1; fi
[ "$missing" = 0 ] || exit 1
# glibc loads libgcc_s at run time (thread cancellation, unwinding) without it being a DT_NEEDED of anything.
libgcc="$({ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | awk '/libgcc_s.so.1 .*x86-64/{print $NF; exit}')"
[ -n "$libgcc" ] && echo "$libgcc" >> "$work/libs"
sort -u "$work/libs" | while read -r lib; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

# 3. Users, name service, writable directories.
mkdir -p "$out/etc" "$out/tmp" "$out/var/lib/rtx/state" "$out/home/nonroot"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
cat > "$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS

{
  echo "# Generated by docker/jib/prepare-runtime.sh for the image's /opt/java and shared libraries."
  echo "jdk: $jdk ($(. "$jdk/release"; echo "$JAVA_VERSION"))"
  echo "modules: $modules"
  echo "native jars: ${native_jars[*]##*/}"
  echo "libraries:"
  (cd "$out" && find lib lib64 -type f | sort | sed 's/^/  \//')
} > "$out.txt"
echo "$stamp" > "$out.stamp"
echo "prepare-runtime: $(du -sh "$out" | cut -f1) in $out (JRE $(du -sh "$out/opt/java" | cut -f1)); see $out.txt"
