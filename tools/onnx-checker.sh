#!/usr/bin/env bash
# Runs the official ONNX checker (onnx.checker.check_model, full_check=True) over every file the
# runtime test suite exports and asserts valid. Not part of `dotnet test`: the checker is Python.
#   apt-get install python3-onnx   # Debian 12: onnx 1.12, which knows opsets up to 17
#   bash tools/onnx-checker.sh
# Files whose opset is newer than the installed onnx package knows are counted, not checked.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
"$python" -c "import onnx" 2>/dev/null || { echo "error: $python has no 'onnx' module (apt-get install python3-onnx)" >&2; exit 2; }

export SCIDSL_ONNX_CHECK_DIR="$(mktemp -d)"
trap 'rm -rf "$SCIDSL_ONNX_CHECK_DIR"' EXIT
dotnet test "$repo_root/tests/SciDsl.Tests" --filter "${1:-FullyQualifiedName~SciDsl}" >/dev/null

"$python" - "$SCIDSL_ONNX_CHECK_DIR" <<'PY'
import collections, glob, os, sys
import onnx
from onnx import checker, defs

newest = defs.onnx_opset_version()
counts, failures = collections.Counter(), []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.onnx"))):
    model = onnx.load(path)
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset > newest:
        counts[f"opset {opset}: newer than onnx {onnx.__version__} knows"] += 1
        continue
    try:
        checker.check_model(model, full_check=True)
        counts[f"opset {opset}: passed"] += 1
    except Exception as error:
        counts[f"opset {opset}: FAILED"] += 1
        failures.append(f"{model.graph.name} (opset {opset}): {str(error).splitlines()[0]}")
for key in sorted(counts):
    print(f"{counts[key]:5} {key}")
for failure in failures:
    print("FAILED", failure)
sys.exit(1 if failures else 0)
PY
