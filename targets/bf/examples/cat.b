Cat: copies its input to its output until the end of input (where comma stores 0)
,[.,]
