A loop closed twice
++[>+<-]]
>.
