#!/usr/bin/env bash
# demo-network.sh - an install over HTTP that survives two dropped connections.
# A local server (scripts/flaky-http-server.py) cuts the payload download off twice mid-body; the agent
# resumes each time with a range request and finishes with the right hash, fetching nothing twice.
# Exits 0 only if the update was committed and slot b holds exactly the image the sidecar names.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${DEMO_WORK:-$repo/work/demo-network}
H="$repo/scripts/hostapp-update"
dev="$work/device"
fail() { echo "demo-network: FAILED: $*" >&2; exit 1; }

"$repo/scripts/install-deps.sh"
if [ -z "${DEMO_NO_BUILD:-}" ]; then
  (cd "$repo" && mvn -q -B package -Dmaven.test.skip=true -pl updater -am)
fi
rm -rf "$work"; mkdir -p "$work"
"$repo/scripts/make-demo-images.sh" "$work/images" >/dev/null
"$H" sim create --board sim-uboot --image "$work/images/v1.img" --release v1 "$dev" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$repo/scripts/flaky-http-server.py" "$work/images" "$port" 2 32768 2> "$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done

echo "### install v2 over HTTP; the server drops the connection twice"
"$H" --device "$dev" -i "http://127.0.0.1:$port/v2.img.zst" -r | tee "$work/install.log"
echo "### what the server saw"
cat "$work/server.log"

drops=$(grep -c "download interrupted" "$work/install.log" || true)
[ "$drops" = 2 ] || fail "expected 2 interrupted downloads, saw $drops"
grep -q "0 fetched again" "$work/install.log" || fail "bytes were fetched twice"
want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$work/images/v2.img.zst.manifest.json")
status=$("$H" status --device "$dev" --json)
got=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["slots"]["b"]["sha256"] if s["lastOutcome"]["result"]=="committed" else "")' "$status")
[ "$got" = "$want" ] || fail "slot b holds $got, the sidecar says $want"
echo "demo-network: ok: 2 drops survived, v2 committed, slot b sha256 $got matches the sidecar"
