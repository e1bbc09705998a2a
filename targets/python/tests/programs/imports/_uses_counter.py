# A helper module importing another helper module.
import _counter


def bump_twice():
    _counter.bump()
    return _counter.bump()
