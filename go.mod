module github.com/concord-ibm/concord

go 1.26.0
