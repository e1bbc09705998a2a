Prints A then moves left of cell 0
++++++++[>++++++++<-]>+.
<<
