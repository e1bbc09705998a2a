# A module's globals are shared by all importers; imports are cached in sys.modules.
import sys
import _counter
import _uses_counter
print(_counter.count, _counter.bump(), _uses_counter.bump_twice(), _counter.count)
from _counter import count
print(count)
_counter.count = 100
print(_uses_counter._counter.count, "_counter" in sys.modules, sys.modules["_counter"] is _counter)
