import ts from 'typescript';
import type { Issue } from '@temporal-ecommerce/contracts/agent';
import { SEVERITY_RANK } from '@temporal-ecommerce/contracts/agent';
import { RULES, type RuleCategory, type RuleId } from './rules';

/** A replacement of source text [start, end) that fixes one finding. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  rule: RuleId;
  line: number;
  message: string;
  /** Present when the finding can be fixed automatically at this place. */
  edit?: TextEdit;
}

export interface FileMetrics {
  lines: number;
  codeLines: number;
  functions: number;
  /** Sum of the cyclomatic complexity of every function plus the module's top level. */
  complexity: number;
  maxFunctionComplexity: number;
  maxNesting: number;
}

export interface FileAnalysis {
  file: string;
  issues: Issue[];
  metrics: FileMetrics;
  suggestions: string[];
  /** Issues fixes.ts can rewrite, by rule. */
  fixable: Partial<Record<RuleId, number>>;
}

const NESTING_LIMIT = 4;
const COMPLEXITY_LIMIT = 10;
const ANY_REPORT_CAP = 5;
const SQL_PATTERN = /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*\b(FROM|INTO|SET|WHERE)\b/i;
const SECRET_NAME = /(secret|passw(or)?d|api_?key|token|private_?key)/i;
const SECRET_VALUE = /^(sk_(live|test)_[A-Za-z0-9]{8,}|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

export function parseSource(fileName: string, text: string): ts.SourceFile {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : fileName.endsWith('.jsx') ? ts.ScriptKind.JSX : fileName.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

interface FunctionFrame {
  complexity: number;
  nesting: number;
  loops: number;
  reportedNesting: boolean;
  reportedLoops: boolean;
}

const isFunctionLike = (node: ts.Node): boolean =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

const isLoop = (node: ts.Node): boolean =>
  ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);

const isTerminator = (s: ts.Statement): boolean =>
  ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s);

/** Declarations are hoisted or type-only: they are not "code after return". */
const isDeclarationOnly = (s: ts.Statement): boolean =>
  ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s);

/** Operands of a chain of `+`, left to right. */
function flattenConcat(node: ts.Expression): ts.Expression[] {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...flattenConcat(node.left), ...flattenConcat(node.right)];
  }
  if (ts.isParenthesizedExpression(node)) return flattenConcat(node.expression);
  return [node];
}

const isStringLiteralLike = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

const isNullish = (n: ts.Expression): boolean => n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === 'undefined');

/** `eval('(' + x + ')')`, the classic JSON-by-eval, is safely `JSON.parse(x)`. */
function evalJsonEdit(call: ts.CallExpression, sf: ts.SourceFile): TextEdit | undefined {
  const [arg] = call.arguments;
  if (call.arguments.length !== 1 || !arg) return undefined;
  const parts = flattenConcat(arg);
  const [open, inner, close] = parts;
  if (parts.length !== 3 || !open || !inner || !close) return undefined;
  if (!isStringLiteralLike(open) || open.text !== '(' || !isStringLiteralLike(close) || close.text !== ')') return undefined;
  return { start: call.getStart(sf), end: call.getEnd(), text: `JSON.parse(${inner.getText(sf)})` };
}

function countIdentifiers(sf: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return counts;
}

function hasExportModifier(node: ts.FunctionDeclaration): boolean {
  return (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Every finding of every rule, with edits where a fix is safe. Deterministic: same text, same findings. */
export function findIssues(sf: ts.SourceFile): { findings: Finding[]; metrics: FileMetrics } {
  const findings: Finding[] = [];
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const add = (rule: RuleId, node: ts.Node, message: string, edit?: TextEdit): void => {
    findings.push({ rule, line: lineOf(node), message, ...(edit ? { edit } : {}) });
  };

  const moduleFrame: FunctionFrame = { complexity: 1, nesting: 0, loops: 0, reportedNesting: false, reportedLoops: false };
  const frames: FunctionFrame[] = [moduleFrame];
  const completed: FunctionFrame[] = [];
  let maxNesting = 0;
  let anyCount = 0;
  const frame = (): FunctionFrame => frames[frames.length - 1]!;

  const checkUnreachable = (statements: ts.NodeArray<ts.Statement>): void => {
    const end = statements.findIndex(isTerminator);
    if (end < 0) return;
    const dead = statements.slice(end + 1).filter((s) => !isDeclarationOnly(s));
    const first = dead[0];
    if (!first) return;
    add('unreachable-code', first, `Unreachable code after ${statements[end]!.getText(sf).split(/\s/)[0]}`);
    // One edit per dead statement, leading comments included, so the file reads as if it was never there.
    for (const s of dead) {
      findings.push({ rule: 'unreachable-code', line: lineOf(s), message: 'Unreachable statement', edit: { start: s.getFullStart(), end: s.getEnd(), text: '' } });
    }
  };

  const visit = (node: ts.Node): void => {
    const f = frame();
    let enteredFunction = false;
    let nests = false;

    if (isFunctionLike(node)) {
      frames.push({ complexity: 1, nesting: 0, loops: 0, reportedNesting: false, reportedLoops: false });
      enteredFunction = true;
    }

    if (ts.isIfStatement(node)) {
      f.complexity++;
      // `else if` continues a chain; it does not nest.
      nests = !(ts.isIfStatement(node.parent) && node.parent.elseStatement === node);
    } else if (isLoop(node)) {
      f.complexity++;
      nests = true;
    } else if (ts.isSwitchStatement(node) || ts.isTryStatement(node)) {
      nests = true;
    } else if (ts.isCaseClause(node) || ts.isCatchClause(node) || ts.isConditionalExpression(node)) {
      f.complexity++;
    }

    if (nests) {
      f.nesting++;
      maxNesting = Math.max(maxNesting, f.nesting);
      if (f.nesting > NESTING_LIMIT && !f.reportedNesting) {
        f.reportedNesting = true;
        add('deep-nesting', node, `Code nested ${f.nesting} levels deep (limit ${NESTING_LIMIT})`);
      }
    }
    if (isLoop(node)) {
      f.loops++;
      if (f.loops >= 3 && !f.reportedLoops) {
        f.reportedLoops = true;
        add('nested-loops', node, `${f.loops} nested loops: cost grows with the product of the collection sizes`);
      }
    }

    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        f.complexity++;
      }
      if ((op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && !isNullish(node.left) && !isNullish(node.right)) {
        const strict = op === ts.SyntaxKind.EqualsEqualsToken ? '===' : '!==';
        add('loose-equality', node, `Loose comparison ${node.operatorToken.getText(sf)} coerces types`, {
          start: node.operatorToken.getStart(sf),
          end: node.operatorToken.getEnd(),
          text: strict,
        });
      }
      const parentIsConcat = ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken;
      if (op === ts.SyntaxKind.PlusToken && !parentIsConcat && !ts.isParenthesizedExpression(node.parent)) {
        const parts = flattenConcat(node);
        const literalText = parts.filter(isStringLiteralLike).map((p) => p.text).join(' ');
        if (SQL_PATTERN.test(literalText) && parts.some((p) => !isStringLiteralLike(p) && !ts.isNumericLiteral(p))) {
          add('sql-injection', node, 'SQL injection vulnerability detected: query built by string concatenation');
        }
      }
    }

    if (ts.isTemplateExpression(node) && !ts.isTaggedTemplateExpression(node.parent)) {
      const literalText = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (SQL_PATTERN.test(literalText)) add('sql-injection', node, 'SQL injection vulnerability detected: query built by template interpolation');
    }

    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === 'eval') {
        add('eval', node, 'eval() executes arbitrary code', evalJsonEdit(node, sf));
      } else if (ts.isPropertyAccessExpression(callee) && callee.getText(sf) === 'console.log') {
        add('console-log', node, 'console.log left in application code');
      } else if (ts.isPropertyAccessExpression(callee) && callee.getText(sf) === 'JSON.parse') {
        const [arg] = node.arguments;
        if (arg && ts.isCallExpression(arg) && arg.expression.getText(sf) === 'JSON.stringify') {
          add('json-deep-clone', node, 'Deep copy through JSON.parse(JSON.stringify(...)) serialises the whole structure');
        }
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      add('eval', node, 'new Function() compiles and runs arbitrary code');
    }

    if (ts.isAwaitExpression(node) && f.loops > 0) {
      add('await-in-loop', node, 'await inside a loop runs the iterations one after another');
    }

    if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && node.initializer) {
      const name = node.name.getText(sf);
      if (isStringLiteralLike(node.initializer) && node.initializer.text.length >= 8 && SECRET_NAME.test(name)) {
        add('hardcoded-secret', node, `Hard-coded secret in ${name}`);
      } else if (isStringLiteralLike(node.initializer) && SECRET_VALUE.test(node.initializer.text)) {
        add('hardcoded-secret', node, `Hard-coded credential in ${name}`);
      }
    }

    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      anyCount++;
      if (anyCount <= ANY_REPORT_CAP) add('explicit-any', node, '`any` disables type checking');
    }

    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isModuleBlock(node)) {
      checkUnreachable(node.statements);
    }

    ts.forEachChild(node, visit);

    if (nests) f.nesting--;
    if (isLoop(node)) f.loops--;
    if (enteredFunction) {
      const done = frames.pop()!;
      completed.push(done);
      if (done.complexity > COMPLEXITY_LIMIT) {
        const name = (node as ts.FunctionLikeDeclaration).name?.getText(sf) ?? 'anonymous function';
        add('high-complexity', node, `${name} has cyclomatic complexity ${done.complexity} (limit ${COMPLEXITY_LIMIT})`);
      }
    }
  };
  visit(sf);

  const identifiers = countIdentifiers(sf);
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && !hasExportModifier(statement) && identifiers.get(statement.name.text) === 1) {
      add('unused-function', statement, `Function ${statement.name.text} is never used`, { start: statement.getFullStart(), end: statement.getEnd(), text: '' });
    }
  }

  const text = sf.getFullText();
  const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const codeLines = text.split('\n').filter((l) => {
    const t = l.trim();
    return t.length > 0 && !t.startsWith('//') && !t.startsWith('*') && !t.startsWith('/*');
  }).length;
  const complexities = [moduleFrame, ...completed].map((c) => c.complexity);
  return {
    findings,
    metrics: {
      lines,
      codeLines,
      functions: completed.length,
      complexity: complexities.reduce((a, b) => a + b, 0),
      maxFunctionComplexity: Math.max(...complexities),
      maxNesting,
    },
  };
}

/** The findings a caller reports: the unreachable-code rule emits one headline plus per-statement edits. */
function reportable(findings: Finding[]): Finding[] {
  return findings.filter((f) => !(f.rule === 'unreachable-code' && f.message === 'Unreachable statement'));
}

/** Static analysis of one file restricted to `categories`, issues sorted most severe first, then by line. */
export function analyzeSource(file: string, text: string, categories: readonly RuleCategory[]): FileAnalysis {
  const sf = parseSource(file, text);
  const { findings, metrics } = findIssues(sf);
  const selected = findings.filter((f) => categories.includes(RULES[f.rule].category));
  const issues: Issue[] = reportable(selected)
    .map((f) => ({ severity: RULES[f.rule].severity, type: RULES[f.rule].issueType, message: f.message, line: f.line, file, rule: f.rule }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
  const fixable: Partial<Record<RuleId, number>> = {};
  for (const f of reportable(selected)) {
    const fixableHere = f.rule === 'unreachable-code' ? selected.some((s) => s.rule === 'unreachable-code' && s.edit) : Boolean(f.edit);
    if (fixableHere) fixable[f.rule] = (fixable[f.rule] ?? 0) + 1;
  }
  const suggestions = [...new Set(selected.map((f) => RULES[f.rule].suggestion))];
  return { file, issues, metrics, suggestions, fixable };
}
