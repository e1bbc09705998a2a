# The forms of import: import, import as, from import, from import as, dotted.
import math
import math as m
from math import floor, ceil as c
import collections.abc
from itertools import *
import sys, bisect
print(math.floor(2.5), m.floor(2.5), floor(2.5), c(2.5), collections.abc.Iterable.__name__)
print(list(islice(count(), 3)), "bisect" in sys.modules, m is math)
def local_import():
    import random
    return random.__name__
print(local_import())
try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import no_such_name
except ImportError as e:
    # The message ends with where CPython found the module, which depends on the install.
    print(type(e).__name__ + ":", str(e).split(" (")[0])
