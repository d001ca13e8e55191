"""moto's server with the sandbox's corrections: what sandbox.sh starts.

    python sandbox_moto.py -H 127.0.0.1 -p 4566     # moto_server's arguments

The corrections make moto behave as AWS documents where the product, the
reference operator and other operators (ESO, seed 001's) rely on it: its
Secrets Manager (secretsmanager_fixes.py), and credentials that keep their
account across a restart of moto (sts_fixes.py); and lookups and listings
that cost what AWS's do as an account grows (secretsmanager_scale.py).
Everything else is moto's own server, unchanged.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import secretsmanager_fixes  # noqa: E402
import secretsmanager_scale  # noqa: E402
import sts_fixes  # noqa: E402
from moto.server import main  # noqa: E402

if __name__ == "__main__":
    secretsmanager_fixes.apply()
    secretsmanager_scale.apply()
    sts_fixes.apply()
    sys.exit(main(sys.argv[1:]))
