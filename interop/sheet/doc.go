// Package sheet reads and writes the curriculum spreadsheet: a CSV file
// with one row per module, which academies fill in (or export from their
// own systems) to load modules in bulk.
//
// # The template
//
// The first line is the header; column names are case-insensitive and may
// come in any order; an unknown column is an error. curriculum, code and
// title are required; the other columns may be left out.
//
//	curriculum   ID of the curriculum the module belongs to ("basic-2024")
//	module       ID of the module; empty: derived from the code ("BG-101" → "bg-101")
//	code         the module's code
//	title        its title
//	description  its description
//	outcomes     learning outcomes, one per line inside the cell; a cell without a
//	             line break may separate them with "|" ("Detects forgeries | Uses UV")
//	language     language of the text ("ru", "fa-AF"); empty: the curriculum's
//	hours        contact hours; empty: 0
//	credits      credits; empty: 0
//	delivery     classroom, e-learning, blended, field-exercise, simulation, on-the-job
//	assessment   how it is assessed (free text)
//	restricted   yes/no (also true/false, 1/0, y/n, x, empty = no)
//	alignments   "CODE:DEPTH[:HOURS]" entries separated by ';', depth I, R or M
//	             ("RA-01:M:6; HR-02:I"); codes are the framework's competency codes
//
// The file is UTF-8, with or without a byte-order mark. The separator is
// ',' or ';', whichever the header line uses. With ';' numbers may use a
// decimal comma ("12,5"); with ',' they must use a point. Cells may be
// quoted and span several lines. Cells are trimmed; rows whose cells are
// all empty are ignored.
//
// # Errors
//
// Every error about the file is a *RowError naming the line the record
// starts on (1 is the header) and the column (Field, empty when the fault
// is not in one column, such as a stray quote); several at once come as
// RowErrors. The Reader goes on after a row's error: the caller decides
// whether to stop.
package sheet
