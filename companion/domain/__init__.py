"""Pure Python: the programme, habits and wording rules. No I/O, no SQL, no Textual."""
