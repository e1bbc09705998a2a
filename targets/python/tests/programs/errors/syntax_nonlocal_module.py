# nonlocal at module level is a compile error.
nonlocal x
print("never")
