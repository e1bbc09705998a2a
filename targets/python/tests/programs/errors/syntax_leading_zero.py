# Decimal literals with leading zeros are not allowed.
x = 007
