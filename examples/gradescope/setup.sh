#!/usr/bin/env bash
# Gradescope runs this once, when the autograder image is built (Ubuntu, as root).
# It installs Python and symgraph: from a wheel placed next to this file (make gradescope-zip puts one
# there), else from the package index.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends python3 python3-pip python3-venv
python3 -m venv /opt/symgraph
wheel=$(ls /autograder/source/symgraph-*.whl 2>/dev/null | head -n 1 || true)
/opt/symgraph/bin/pip install --quiet "${wheel:-symgraph}"
ln -sf /opt/symgraph/bin/symgraph /usr/local/bin/symgraph
