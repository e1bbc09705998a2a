Reverse: reads its whole input and writes it back to front
(a byte 0 in the input also ends it: it is the end of input mark)

>,[>,]          read bytes into cells 1 2 3 and so on until the end of input (0)
<[.<]           write them from the last one back to cell 1 (cell 0 stays 0)
