# A syntax error in the middle of a valid program.
x = 1
y = x +* 2
print(y)
