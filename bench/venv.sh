# Sourced by the bench scripts: `ensure_venv MODULES PIN...` makes target/bench-venv (from
# $PYTHON, default python3) if it is missing or broken, and pip-installs the pins unless every
# pinned version is there already and every module of MODULES (comma-separated) imports. Only pip's registry is contacted, only
# when a pin is missing. Sets VPY, the venv's interpreter. Expects ROOT (the repository).
ensure_venv() {
    local module=$1
    shift
    local venv=$ROOT/target/bench-venv
    VPY=$venv/bin/python
    export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1
    if ! "$VPY" -c 'import sys' 2>/dev/null; then
        echo "creating $venv" >&2
        rm -rf "$venv"
        "${PYTHON:-python3}" -m venv "$venv"
    fi
    local check='
import importlib, sys
from importlib.metadata import version
for module in sys.argv[1].split(","):
    importlib.import_module(module)
for pin in sys.argv[2:]:
    name, wanted = pin.split("==")
    if version(name) != wanted:
        sys.exit(1)
'
    if ! "$VPY" -c "$check" "$module" "$@" 2>/dev/null; then
        echo "installing $* into $venv" >&2
        "$VPY" -m pip install --quiet "$@"
        if ! "$VPY" -c "$check" "$module" "$@"; then
            echo "error: $module does not import in $venv after pip install" >&2
            return 1
        fi
    fi
}
