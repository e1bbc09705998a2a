# sys.exit(0) and sys.exit(None) are a normal exit; code after them does not run.
import sys
print("about to exit")
sys.exit(0)
print("unreachable")
