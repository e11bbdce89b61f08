"""Export formats (CSV, JSON, XLSX, data package), spreadsheet safety, citations."""
