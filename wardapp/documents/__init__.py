"""Official documents as PDF (reportlab), laid out per Nghị định 30/2020/NĐ-CP Phụ lục I.

``layout`` holds the shared administrative-document parts; each other module builds one
document from the data the program holds.  No Qt here: the GUI only previews and prints the
files these functions write.
"""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".apology_candidates": ["batch_candidate_rows", "batch_candidates"],
        ".apology": [
            "issue_apology",
            "issue_batch",
            "preview_letter",
        ],
        ".bieu06": ["report_pdf"],
        ".commitment_form": ["STATUS_WORDS", "commitment_pdf", "default_template"],
        ".control_sheet": ["control_sheet_pdf"],
        ".evidence_pdf": ["evidence_annex"],
        ".fonts": ["bundled_files"],
        ".forms": ["has_form"],
        ".letterhead": ["report_heading"],
        ".receipt": ["receipt_pdf"],
        ".step_forms": ["issued"],
        ".tables": ["logbook_pdf"],
        ".wording": ["doc_number"],
    },
    modules=[".archive", ".outbox", ".reprints", ".step_forms", ".transport"],
)
