"""Everything Qt: windows, wizards, item models, dialogs and workers."""
