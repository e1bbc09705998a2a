# __name__ of the main program, and a main() called under the guard.
import sys
def main():
    print("main called, argv", sys.argv[1:])
    return 0
print("__name__ is", __name__)
if __name__ == "__main__":
    main()
