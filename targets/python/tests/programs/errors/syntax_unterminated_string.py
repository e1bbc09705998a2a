# A string literal that does not end on its line.
print("start)
print("end")
