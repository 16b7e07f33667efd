"""Weekly exchange with the city (docs/exchange-format.md): a ward exports packages of what
changed; the city verifies every package completely before applying it in one transaction."""
