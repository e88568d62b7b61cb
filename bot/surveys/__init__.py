"""Satisfaction surveys: SKM/IKM of PermenPANRB 14/2017 and the channel survey, as pure library code."""
