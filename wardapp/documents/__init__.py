"""Official documents as PDF (reportlab), laid out per Nghị định 30/2020/NĐ-CP Phụ lục I.

``layout`` holds the shared administrative-document parts; each other module builds one
document from the data the program holds.  No Qt here: the GUI only previews and prints the
files these functions write.
"""
