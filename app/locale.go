package app

// Fyne reads the user's language while its packages initialise. Importing
// the locale package here settles it first, for the program and for every
// test binary that uses this package (see the package's comment).
import _ "eventmap/app/internal/locale"
