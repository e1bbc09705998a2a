# sys.exit inside try runs finally blocks; the exit status is the one given.
import sys
def shutdown():
    try:
        print("shutting down")
        sys.exit(4)
    finally:
        print("finally before exit")
try:
    shutdown()
except SystemExit as e:
    print("saw SystemExit", e.code)
    raise
