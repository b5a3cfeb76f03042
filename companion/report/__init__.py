"""The report for the follow-up workshop: the Progress story as a printable HTML or Markdown file.

`gather` reads what the report tells (the Progress story through
`companion.story.read_story`, and the participant's writing only when asked);
`render` turns it into text with Jinja2 templates, one template per section.
Jinja2 is imported only here, when a report is made, never by quick commands.
"""
