"""The figures the city grades the ward on: Biểu 06, the dashboard's counts and the head of
unit's commitment, with their spreadsheet."""
