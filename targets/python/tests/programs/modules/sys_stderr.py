# Writing to sys.stderr appears in the stderr section; the exit status stays 0.
import sys
print("to stdout")
sys.stderr.write("to stderr\n")
print("more stdout")
print("print to stderr", file=sys.stderr)
