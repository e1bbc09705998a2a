# A def line without its closing parenthesis and colon.
def broken(a, b
    return a + b
