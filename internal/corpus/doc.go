// Package corpus generates a seeded synthetic world of academies,
// curricula and modules aligned to the default framework (ibm-core), for
// benchmarks and large tests.
//
// The same Config always gives the same corpus. Academies and curricula are
// few (one academy per ModulesPerAcademy modules, one curriculum per level)
// and held in memory; modules are generated on demand, academy by academy,
// from a seed derived from the academy's index, so a 1M-module corpus is
// streamed and never held, and two passes give the same modules.
//
// Text: every language has a vocabulary ranked by frequency (the words of
// the framework's own titles and descriptions in that language first, then
// made-up words in its script), from which words are drawn with a Zipf
// distribution. A module's title often carries the title of a competency
// it is aligned to, in its language where the framework has one. Sizes:
// a title of 3–8 words, a description of 25–70, 2–5 outcomes of 6–12
// words: about 80 words a module.
package corpus
