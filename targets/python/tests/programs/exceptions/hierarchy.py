# The built-in exception hierarchy.
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (UnboundLocalError, NameError), (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError), (StopIteration, Exception),
    (FileNotFoundError, OSError), (ModuleNotFoundError, ImportError),
    (Exception, BaseException), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (GeneratorExit, Exception),
    (TypeError, Exception), (ValueError, Exception), (AttributeError, Exception),
    (AssertionError, Exception), (UnicodeDecodeError, ValueError),
    (IndentationError, SyntaxError), (StopIteration, BaseException),
]
for sub, sup in pairs:
    print(sub.__name__, "<", sup.__name__, issubclass(sub, sup))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in KeyError.__mro__])
