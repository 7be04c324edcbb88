package domain

// Withheld exposes to the tests the filed values a disclosed copy holds back from its reader.
func Withheld(c *Complaint) []string { return c.withheld }
