"""Importing existing job descriptions (Word, PDF, text, whole directives) as position drafts.

The path of every input is the same: extract lines with what the file knows of their layout
(`extract`, `pdf`), repair the extraction noise (`noise`), divide a directive into its annexes
(`documents`), read the sections and rows by the labels in `vocabulary.yaml` (`sections`), and
write each position in the house style (`ametid.writer`). Text that cannot be placed is never
dropped: it ends the file as a comment and is reported.
"""
