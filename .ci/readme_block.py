"""Print the shell block of README.md that follows ``<!-- ci: NAME -->``, so that CI runs the
README's install, deploy and cite instructions exactly as written (.ci/release)."""

import re
import sys
from pathlib import Path

name = sys.argv[1]
text = (Path(__file__).resolve().parents[1] / "README.md").read_text()
match = re.search(rf"<!-- ci: {re.escape(name)} -->\s*```sh\n(.*?)```", text, re.DOTALL)
if match is None:
    sys.exit(f"README.md: no shell block after '<!-- ci: {name} -->'")
print(match.group(1), end="")
