"""The directive's periodic report (6-monthly and yearly): figures computed from the content and its
git history (figures.py), laid out as a Decree 30/2020 administrative document (document.py) and
written as .docx (docx_writer.py), HTML and PDF (html_writer.py, pdf.py)."""
