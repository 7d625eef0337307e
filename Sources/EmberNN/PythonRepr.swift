// MARK: - Python's printed forms

/// A list of sizes as Python prints a tuple of ints in a module's repr: `(4,)`, `(2, 3)`.
func pythonTuple(_ values: [Int]) -> String {
    values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
}

/// Python's `True` or `False`.
func pythonBool(_ value: Bool) -> String { value ? "True" : "False" }
