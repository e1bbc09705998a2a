# A syntax error: an unclosed parenthesis; nothing runs.
print("this line does not run")
total = (1 +
         2
print(total)
