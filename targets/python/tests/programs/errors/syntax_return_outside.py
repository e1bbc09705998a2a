# return outside a function is a compile error.
print("never printed")
return 5
