"""Worksheets: the sheets a participant writes in (webinar worksheets, coaching notes,
the reflective questionnaire, the letter) and the action plan, with their rules."""
