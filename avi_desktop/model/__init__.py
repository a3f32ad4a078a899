"""The domain: entities, the store, instruments, scoring and all that is computed from them.

Pure Python: nothing here imports Qt, matplotlib or ReportLab.
"""
