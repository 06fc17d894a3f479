// The CodeMirror 6 pieces the SPARQL page uses, bundled into one file that sets
// window.CM (see build.sh).
export { EditorView, basicSetup } from "codemirror";
export { EditorState } from "@codemirror/state";
export { keymap } from "@codemirror/view";
export { StreamLanguage } from "@codemirror/language";
export { autocompletion } from "@codemirror/autocomplete";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
