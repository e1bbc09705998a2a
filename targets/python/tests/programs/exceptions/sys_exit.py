# sys.exit with a number exits with that status; SystemExit can be caught.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("caught SystemExit", e.code)
print("exiting with 3")
sys.exit(3)
print("not reached")
