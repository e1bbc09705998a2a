A loop that is never closed
++[>+
  [-]
