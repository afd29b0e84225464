using static Inertia.Feeds.Html.HtmlTags;

namespace Inertia.Feeds.Html;

/// <summary>
/// The stack of open elements and the list of active formatting elements of the HTML5 tree builder, kept without building
/// a tree, so that <see cref="NestingLimiter"/> knows how deep a parser will nest what it has seen. Where the model follows
/// the specification it pops exactly what a parser pops; where it does not (foster parenting, a few rare modes) it pops
/// nothing, so it may count more open elements than a parser holds, never fewer. <see cref="Depth"/> also counts the
/// formatting elements a parser will reopen (reconstruct) before the next content, so reopening never passes the limit.
/// </summary>
internal sealed class HtmlTreeModel(int maxDepth)
{
    /// <summary>An open (or once open) element: its tag id, namespace and integration-point flag.</summary>
    private sealed class Node(int tag, byte ns)
    {
        public int Tag { get; } = tag;
        /// <summary>0 HTML, 1 SVG, 2 MathML.</summary>
        public byte Ns { get; } = ns;
        public bool HtmlIntegrationPoint { get; init; }
        public bool InStack { get; set; }
        public bool InList { get; set; }
        /// <summary>Pushed inside a select, where it sets no insertion mode and the body's rules do not apply.</summary>
        public bool Plain { get; init; }
        /// <summary>The nearest element at or below this one that sets the insertion mode (set when pushed).</summary>
        public Node? Mode { get; set; }
        public bool IsHtml => Ns == 0;
        public bool Is(int t) => Ns == 0 && Tag == t;

        public Node Clone() => new(Tag, Ns) { HtmlIntegrationPoint = HtmlIntegrationPoint };
    }

    private readonly List<Node> _stack = [];
    // null entries are markers
    private readonly List<Node?> _formatting = [];
    private int _closedFormatting;
    private Node? _form;

    /// <summary>How deep a parser will nest the next element: the open elements and the closed ones it will reopen.</summary>
    public int Depth => _stack.Count + _closedFormatting;

    /// <summary>True when the current node is SVG or MathML content (where "/&gt;" closes an element and CDATA is read).</summary>
    public bool InForeignContent => _stack.Count > 0 && !_stack[^1].IsHtml;

    private Node? Current => _stack.Count > 0 ? _stack[^1] : null;

    /// <summary>
    /// Reports a start tag. Returns false when it would nest deeper than the limit: the caller drops it, and the model is as
    /// it was. <paramref name="textKind"/> tells whether the element's content is text up to its end tag (<see cref="HtmlTags.TextKind"/>; 4: all the rest).
    /// </summary>
    public bool Start(int tag, bool selfClosing, bool fontBreaksOut, string? encoding, out int textKind)
    {
        textKind = 0;
        if (Current is { } current && UsesForeignRules(current, tag))
        {
            if (!Is(Breakout, tag) || (tag == Font && !fontBreaksOut))
            {
                return StartForeign(tag, selfClosing, encoding);
            }
            // leaves SVG/MathML: back to HTML (or an integration point), then the tag is read as HTML
            while (Current is { IsHtml: false } c && !c.HtmlIntegrationPoint && !IsMathTextIntegrationPoint(c))
            {
                Pop();
            }
        }
        return StartHtml(tag, selfClosing, ref textKind);
    }

    private bool StartForeign(int tag, bool selfClosing, string? encoding)
    {
        if (selfClosing)
        {
            return true;
        }
        // in SVG or MathML content every element takes the namespace of its parent, whatever its name
        var ns = Current!.Ns;
        return PushIfRoom(new Node(tag, ns) { HtmlIntegrationPoint = IsHtmlIntegrationPoint(tag, ns, encoding) });
    }

    private bool StartHtml(int tag, bool selfClosing, ref int textKind)
    {
        var mode = Current?.Mode;
        if (mode is null || mode.Is(Template) && !Is(TablePart, tag))
        {
            return StartInBody(tag, selfClosing, ref textKind);
        }
        if (mode.Is(Template))
        {
            // inside a template, table parts start modes of their own; counted as plain elements
            return PushIfRoom(new Node(tag, 0) { Plain = true });
        }
        if (mode.Is(Select))
        {
            return StartInSelect(tag, mode, ref textKind);
        }
        if (mode.Is(Td) || mode.Is(Th) || mode.Is(Caption))
        {
            if (!Is(TablePart, tag))
            {
                return StartInBody(tag, selfClosing, ref textKind);
            }
            // a table part closes the open cell (or caption) first; what it then needs (up to tbody, tr and td) is checked
            // before anything is popped, so that a dropped tag leaves the model as it was
            if (!HasRoom(3))
            {
                return false;
            }
            PopThrough(mode);
            ClearFormattingToMarker();
            return StartHtml(tag, selfClosing, ref textKind);
        }
        if (mode.Is(Colgroup))
        {
            if (tag == Col)
            {
                return true;
            }
            if (Current!.Is(Colgroup) && tag != Template)
            {
                if (!HasRoom(3))
                {
                    return false;
                }
                Pop();
                return StartHtml(tag, selfClosing, ref textKind);
            }
            return StartInBody(tag, selfClosing, ref textKind);
        }
        // table, table body, row
        if (tag == Table)
        {
            if (InScope(Table, Scope.Table) is not { } table)
            {
                return StartInBody(tag, selfClosing, ref textKind);
            }
            PopThrough(table);
            return StartHtml(tag, selfClosing, ref textKind);
        }
        if (!Is(TablePart, tag))
        {
            // anything else is foster-parented and read as in a body
            return StartInBody(tag, selfClosing, ref textKind);
        }
        if (mode.Is(Tr))
        {
            if (tag == Td || tag == Th)
            {
                PopAbove(mode);
                return PushCell(tag);
            }
            PopThrough(mode);
            return StartHtml(tag, selfClosing, ref textKind);
        }
        if (!mode.Is(Table))
        {
            // a table body (tbody, thead, tfoot)
            if (tag == Tr)
            {
                PopAbove(mode);
                return PushIfRoom(new Node(Tr, 0));
            }
            if (tag == Td || tag == Th)
            {
                if (!HasRoom(2))
                {
                    return false;
                }
                PopAbove(mode);
                Push(new Node(Tr, 0));
                return PushCell(tag);
            }
            PopThrough(mode);
            return StartHtml(tag, selfClosing, ref textKind);
        }
        // a table: back to it, then what the part needs
        var wrappers = tag == Tr ? 1 : tag == Td || tag == Th ? 2 : 0;
        if (!HasRoom(wrappers + 1))
        {
            return false;
        }
        PopAbove(mode);
        if (tag == Col)
        {
            Push(new Node(Colgroup, 0));
            return true;
        }
        if (wrappers > 0)
        {
            Push(new Node(Tbody, 0));
            if (wrappers == 2)
            {
                Push(new Node(Tr, 0));
                return PushCell(tag);
            }
        }
        Push(new Node(tag, 0));
        if (tag == Caption)
        {
            _formatting.Add(null);
        }
        return true;
    }

    private bool PushCell(int tag)
    {
        if (!PushIfRoom(new Node(tag, 0)))
        {
            return false;
        }
        _formatting.Add(null);
        return true;
    }

    private bool StartInBody(int tag, bool selfClosing, ref int textKind)
    {
        if (tag == HtmlTag || tag == Body || tag == Head || tag == Frameset || tag == Frame || Is(TablePart, tag))
        {
            // ignored in a body (table parts outside a table)
            return true;
        }
        if (tag == Svg || tag == MathTag)
        {
            if (!selfClosing && !HasRoom(1))
            {
                return false;
            }
            Reconstruct();
            if (!selfClosing)
            {
                Push(new Node(tag, tag == Svg ? (byte)1 : (byte)2));
            }
            return true;
        }
        if (Is(Voids, tag))
        {
            if (tag == Hr)
            {
                CloseP();
            }
            else if (tag == Image || tag == Input || tag == Keygen || tag == Br || tag == Id("area") || tag == Id("embed") || tag == Id("img") || tag == Id("wbr"))
            {
                Reconstruct();
            }
            return true;
        }
        if (!HasRoom(1))
        {
            return false;
        }
        var kind = TextKind(tag);
        if (kind != 0 || tag == Template)
        {
            if (tag == Xmp)
            {
                CloseP();
                Reconstruct();
            }
            Push(new Node(tag, 0));
            if (tag == Template)
            {
                _formatting.Add(null);
            }
            textKind = kind;
            return true;
        }
        if (tag == Form && _form is not null)
        {
            return true;
        }
        if (tag == Li || tag == Dd || tag == Dt)
        {
            CloseListItem(tag);
        }
        if (Is(ClosesP, tag))
        {
            CloseP();
            if (IsHeading(tag) && Current is { IsHtml: true } c && IsHeading(c.Tag))
            {
                Pop();
            }
            var block = new Node(tag, 0);
            Push(block);
            if (tag == Form)
            {
                _form = block;
            }
            if (tag == Plaintext)
            {
                textKind = 4;
            }
            return true;
        }
        if (tag == Rb || tag == Rtc || tag == Rp || tag == Rt)
        {
            if (InScope(Ruby, Scope.Default) is not null)
            {
                GenerateImpliedEndTags(except: tag == Rp || tag == Rt ? Rtc : -1);
            }
            Push(new Node(tag, 0));
            return true;
        }
        if (tag == Button && InScope(Button, Scope.Default) is { } open)
        {
            PopThrough(open);
        }
        if ((tag == Option || tag == Optgroup) && Current is { } top && top.Is(Option))
        {
            Pop();
        }
        Reconstruct();
        var element = new Node(tag, 0);
        Push(element);
        if (Is(Formatting, tag))
        {
            element.InList = true;
            _formatting.Add(element);
        }
        else if (tag == Applet || tag == Marquee || tag == ObjectTag)
        {
            _formatting.Add(null);
        }
        return true;
    }

    // Inside a select, AngleSharp keeps what the 2025 "customizable select" allows (buttons, options holding markup) and
    // nests it without the body's rules; the model pushes every element there as plain and pops only on a matching end tag
    private bool StartInSelect(int tag, Node select, ref int textKind)
    {
        if (tag == Option || tag == Optgroup)
        {
            if (Current!.Is(Option))
            {
                Pop();
            }
            if (tag != Option && Current!.Is(Optgroup))
            {
                Pop();
            }
            return PushIfRoom(new Node(tag, 0) { Plain = true });
        }
        if ((tag == Select || tag == Input || tag == Keygen || tag == Textarea) && InSelectScope(select))
        {
            PopThrough(select);
            return tag == Select || StartHtml(tag, selfClosing: false, ref textKind);
        }
        // even void elements: AngleSharp nests what follows a <br> or <hr> inside it there
        return PushIfRoom(new Node(tag, 0) { Plain = true });
    }

    // only option and optgroup elements may stand between the current node and the select
    private bool InSelectScope(Node select)
    {
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            if (ReferenceEquals(_stack[k], select))
            {
                return true;
            }
            if (!_stack[k].Is(Option) && !_stack[k].Is(Optgroup))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Reports an end tag: the model pops what a parser pops (or, where unsure, nothing).</summary>
    public void End(int tag)
    {
        if (Current is not { } current)
        {
            return;
        }
        if (!current.IsHtml && (tag == Br || tag == P))
        {
            // </br> and </p> leave SVG/MathML content like a breakout start tag
            while (Current is { IsHtml: false } c && !c.HtmlIntegrationPoint && !IsMathTextIntegrationPoint(c))
            {
                Pop();
            }
            if (Current is null)
            {
                return;
            }
            current = Current;
        }
        if (!current.IsHtml && !current.HtmlIntegrationPoint && !IsMathTextIntegrationPoint(current))
        {
            // foreign content: the nearest foreign element of that name, unless an HTML element comes first (AngleSharp
            // reads an end tag under an integration point by the body's rules, which close less: the model follows it)
            for (var k = _stack.Count - 1; k >= 0 && !_stack[k].IsHtml; k--)
            {
                if (_stack[k].Tag == tag)
                {
                    PopThrough(_stack[k]);
                    return;
                }
            }
        }
        var mode = current.Mode;
        if (mode is null || mode.Is(Template))
        {
            EndInBody(tag);
        }
        else if (mode.Is(Select))
        {
            EndInSelect(tag, mode);
        }
        else if (mode.Is(Td) || mode.Is(Th))
        {
            if (tag == Td || tag == Th)
            {
                if (InScope(tag, Scope.Table) is { } cell)
                {
                    PopThrough(cell);
                    ClearFormattingToMarker();
                }
            }
            else if (tag == Table || tag == Tbody || tag == Thead || tag == Tfoot || tag == Tr)
            {
                if (InScope(tag, Scope.Table) is not null)
                {
                    PopThrough(mode);
                    ClearFormattingToMarker();
                    End(tag);
                }
            }
            else if (tag != Body && tag != Caption && tag != Col && tag != Colgroup && tag != HtmlTag)
            {
                EndInBody(tag);
            }
        }
        else if (mode.Is(Caption))
        {
            if (tag == Caption || tag == Table)
            {
                PopThrough(mode);
                ClearFormattingToMarker();
                if (tag == Table)
                {
                    End(tag);
                }
            }
            else if (tag != Body && tag != Col && tag != Colgroup && tag != HtmlTag && !Is(TablePart, tag))
            {
                EndInBody(tag);
            }
        }
        else if (mode.Is(Colgroup))
        {
            if (tag != Col && current.Is(Colgroup))
            {
                Pop();
                if (tag != Colgroup)
                {
                    End(tag);
                }
            }
            else if (!current.Is(Colgroup))
            {
                EndInBody(tag);
            }
        }
        else if (tag == Table || tag == Tbody || tag == Thead || tag == Tfoot || tag == Tr)
        {
            // a table, table body or row: the part closes with what it holds
            if (InScope(tag, Scope.Table) is { } part)
            {
                PopThrough(part);
            }
        }
        else if (tag != Body && tag != Caption && tag != Col && tag != Colgroup && tag != HtmlTag && tag != Td && tag != Th)
        {
            EndInBody(tag);
        }
    }

    private void EndInSelect(int tag, Node select)
    {
        var current = Current!;
        if (tag == Optgroup && current.Is(Option) && _stack.Count > 1 && _stack[^2].Is(Optgroup))
        {
            Pop();
        }
        else if (tag == Select)
        {
            if (InSelectScope(select))
            {
                PopThrough(select);
            }
        }
        else if (current.Is(tag) && !ReferenceEquals(current, select))
        {
            Pop();
        }
    }

    private void EndInBody(int tag)
    {
        if (tag == Body || tag == HtmlTag)
        {
            return;
        }
        if (tag == Br)
        {
            // read as <br>
            Reconstruct();
            return;
        }
        if (tag == Template)
        {
            for (var k = _stack.Count - 1; k >= 0; k--)
            {
                if (_stack[k].Is(Template))
                {
                    PopThrough(_stack[k]);
                    ClearFormattingToMarker();
                    return;
                }
            }
            return;
        }
        if (Is(ClosedInScope, tag) || tag == Dd || tag == Dt || tag == Applet || tag == Marquee || tag == ObjectTag)
        {
            if (InScope(tag, Scope.Default) is { } open)
            {
                PopThrough(open);
                if (tag == Applet || tag == Marquee || tag == ObjectTag)
                {
                    ClearFormattingToMarker();
                }
            }
            return;
        }
        if (tag == Form)
        {
            var form = _form;
            _form = null;
            if (form is not null && InScope(form))
            {
                Remove(form);
            }
            return;
        }
        if (tag == P || tag == Li)
        {
            if (InScope(tag, tag == P ? Scope.Button : Scope.ListItem) is { } open)
            {
                PopThrough(open);
            }
            return;
        }
        if (IsHeading(tag))
        {
            for (var k = _stack.Count - 1; k >= 0; k--)
            {
                var node = _stack[k];
                if (node.IsHtml && IsHeading(node.Tag))
                {
                    PopThrough(node);
                    return;
                }
                if (Bounds(node, Scope.Default))
                {
                    return;
                }
            }
            return;
        }
        if (Is(Formatting, tag))
        {
            AdoptionAgency(tag);
            return;
        }
        AnyOtherEndTag(tag);
    }

    // "any other end tag": the nearest HTML element of that name, unless a special element comes first
    private void AnyOtherEndTag(int tag)
    {
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            var node = _stack[k];
            if (node.Is(tag))
            {
                PopThrough(node);
                return;
            }
            if (IsSpecial(node))
            {
                return;
            }
        }
    }

    /// <summary>The adoption agency algorithm's effect on the stack and the list (the tree it rearranges is not kept).</summary>
    private void AdoptionAgency(int tag)
    {
        if (Current!.Is(tag) && !Current.InList)
        {
            Pop();
            return;
        }
        for (var outer = 0; outer < 8; outer++)
        {
            var fe = LastFormatting(tag);
            if (fe is null)
            {
                AnyOtherEndTag(tag);
                return;
            }
            if (!fe.InStack)
            {
                RemoveFromList(fe);
                return;
            }
            if (!InScope(fe))
            {
                return;
            }
            var f = _stack.LastIndexOf(fe);
            Node? furthest = null;
            for (var k = f + 1; k < _stack.Count; k++)
            {
                if (IsSpecial(_stack[k]))
                {
                    furthest = _stack[k];
                    break;
                }
            }
            if (furthest is null)
            {
                PopThrough(fe);
                RemoveFromList(fe);
                return;
            }
            var bookmark = _formatting.IndexOf(fe);
            var lastNode = furthest;
            var index = _stack.LastIndexOf(furthest);
            for (var inner = 1; ; inner++)
            {
                index--;
                var node = _stack[index];
                if (ReferenceEquals(node, fe))
                {
                    break;
                }
                if (inner > 3 && node.InList)
                {
                    if (_formatting.IndexOf(node) < bookmark)
                    {
                        bookmark--;
                    }
                    RemoveFromList(node);
                }
                if (!node.InList)
                {
                    Remove(node);
                    continue;
                }
                // the node is replaced by a new element of its kind, in the list and on the stack
                var clone = node.Clone();
                clone.InStack = true;
                clone.InList = true;
                clone.Mode = node.Mode;
                _stack[index] = clone;
                node.InStack = false;
                node.InList = false;
                var at = _formatting.IndexOf(node);
                _formatting[at] = clone;
                if (ReferenceEquals(lastNode, furthest))
                {
                    bookmark = at + 1;
                }
                lastNode = clone;
            }
            var replacement = fe.Clone();
            replacement.InList = true;
            _formatting.Insert(Math.Clamp(bookmark, 0, _formatting.Count), replacement);
            _formatting.Remove(fe);
            fe.InList = false;
            Remove(fe);
            replacement.InStack = true;
            replacement.Mode = furthest.Mode;
            _stack.Insert(_stack.LastIndexOf(furthest) + 1, replacement);
        }
    }

    private Node? LastFormatting(int tag)
    {
        for (var k = _formatting.Count - 1; k >= 0; k--)
        {
            var entry = _formatting[k];
            if (entry is null)
            {
                return null;
            }
            if (entry.Tag == tag)
            {
                return entry;
            }
        }
        return null;
    }

    private void RemoveFromList(Node node)
    {
        if (!node.InList)
        {
            return;
        }
        node.InList = false;
        _formatting.Remove(node);
        if (!node.InStack)
        {
            _closedFormatting--;
        }
    }

    /// <summary>Reports text (<paramref name="whitespace"/>: only white space): where a parser reopens closed formatting elements for it.</summary>
    public void Text(bool whitespace)
    {
        if (Current is not { } current)
        {
            Reconstruct();
            return;
        }
        if (!current.IsHtml && !current.HtmlIntegrationPoint && !IsMathTextIntegrationPoint(current))
        {
            return;
        }
        var mode = current.Mode;
        if (mode is not null && (mode.Is(Select) || mode.Is(Colgroup)
            || (whitespace && (current.Is(Table) || current.Is(Tbody) || current.Is(Thead) || current.Is(Tfoot) || current.Is(Tr)))))
        {
            return;
        }
        Reconstruct();
    }

    private void Reconstruct()
    {
        if (_closedFormatting == 0 || _formatting.Count == 0 || _formatting[^1] is null or { InStack: true })
        {
            return;
        }
        var start = _formatting.Count - 1;
        while (start > 0 && _formatting[start - 1] is { InStack: false })
        {
            start--;
        }
        for (var k = start; k < _formatting.Count; k++)
        {
            var entry = _formatting[k]!;
            var clone = entry.Clone();
            entry.InList = false;
            clone.InList = true;
            _formatting[k] = clone;
            _closedFormatting--;
            Push(clone);
        }
    }

    private void ClearFormattingToMarker()
    {
        while (_formatting.Count > 0)
        {
            var entry = _formatting[^1];
            _formatting.RemoveAt(_formatting.Count - 1);
            if (entry is null)
            {
                return;
            }
            entry.InList = false;
            if (!entry.InStack)
            {
                _closedFormatting--;
            }
        }
    }

    private void CloseP()
    {
        if (InScope(P, Scope.Button) is { } p)
        {
            PopThrough(p);
        }
    }

    // li, dd, dt close an open item of theirs unless a special element other than address, div or p comes first
    private void CloseListItem(int tag)
    {
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            var node = _stack[k];
            if (tag == Li ? node.Is(Li) : node.Is(Dd) || node.Is(Dt))
            {
                PopThrough(node);
                return;
            }
            if (IsSpecial(node) && !node.Is(Address) && !node.Is(Div) && !node.Is(P))
            {
                return;
            }
        }
    }

    private void GenerateImpliedEndTags(int except)
    {
        while (Current is { IsHtml: true } c && Is(ImpliedEnd, c.Tag) && c.Tag != except)
        {
            Pop();
        }
    }

    private enum Scope
    {
        Default,
        ListItem,
        Button,
        Table,
    }

    // the nearest open HTML element with this tag, when no boundary of the scope comes first
    private Node? InScope(int tag, Scope scope)
    {
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            var node = _stack[k];
            if (node.Is(tag))
            {
                return node;
            }
            if (Bounds(node, scope))
            {
                return null;
            }
        }
        return null;
    }

    private bool InScope(Node target)
    {
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            var node = _stack[k];
            if (ReferenceEquals(node, target))
            {
                return true;
            }
            if (Bounds(node, Scope.Default))
            {
                return false;
            }
        }
        return false;
    }

    private static bool Bounds(Node node, Scope scope) => scope switch
    {
        Scope.Table => node.Is(HtmlTag) || node.Is(Table) || node.Is(Template),
        _ => (node.IsHtml ? Is(ScopeBoundary, node.Tag) : IsForeignBoundary(node))
            || (scope == Scope.ListItem && (node.Is(Ol) || node.Is(Ul)))
            || (scope == Scope.Button && node.Is(Button)),
    };

    private static readonly int Ol = Id("ol"), Ul = Id("ul");

    private static bool IsForeignBoundary(Node node) =>
        node.Ns == 2 ? node.Tag == Mi || node.Tag == Mo || node.Tag == Mn || node.Tag == Ms || node.Tag == Mtext || node.Tag == AnnotationXml
        : node.Ns == 1 && (node.Tag == ForeignObject || node.Tag == Desc || node.Tag == Title);

    private static bool IsSpecial(Node node) => node.IsHtml ? Is(Special, node.Tag) : IsForeignBoundary(node);

    private static bool IsMathTextIntegrationPoint(Node node) =>
        node.Ns == 2 && (node.Tag == Mi || node.Tag == Mo || node.Tag == Mn || node.Tag == Ms || node.Tag == Mtext);

    private static bool IsHtmlIntegrationPoint(int tag, byte ns, string? encoding) =>
        (ns == 1 && (tag == ForeignObject || tag == Desc || tag == Title))
        || (ns == 2 && tag == AnnotationXml && encoding is not null
            && (encoding.Equals("text/html", StringComparison.OrdinalIgnoreCase) || encoding.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)));

    // the tree construction dispatcher: whether a start tag under this node follows the rules for foreign content
    private static bool UsesForeignRules(Node current, int tag)
    {
        if (current.IsHtml || current.HtmlIntegrationPoint)
        {
            return false;
        }
        if (IsMathTextIntegrationPoint(current) && tag != Mglyph && tag != Malignmark)
        {
            return false;
        }
        return !(current.Ns == 2 && current.Tag == AnnotationXml && tag == Svg);
    }

    private static bool SetsMode(Node node) =>
        node.IsHtml && !node.Plain && (node.Tag == Select || node.Tag == Td || node.Tag == Th || node.Tag == Tr || node.Tag == Tbody || node.Tag == Thead
            || node.Tag == Tfoot || node.Tag == Caption || node.Tag == Colgroup || node.Tag == Table || node.Tag == Template);

    private bool HasRoom(int more) => Depth + more <= maxDepth;

    private bool PushIfRoom(Node node)
    {
        if (!HasRoom(1))
        {
            return false;
        }
        Push(node);
        return true;
    }

    private void Push(Node node)
    {
        node.InStack = true;
        node.Mode = SetsMode(node) ? node : Current?.Mode;
        _stack.Add(node);
    }

    private void Pop()
    {
        var node = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        Closed(node);
    }

    private void Closed(Node node)
    {
        node.InStack = false;
        if (node.InList)
        {
            _closedFormatting++;
        }
        if (ReferenceEquals(node, _form))
        {
            _form = null;
        }
    }

    // pops elements until this one has been popped
    private void PopThrough(Node node)
    {
        while (_stack.Count > 0)
        {
            var top = _stack[^1];
            Pop();
            if (ReferenceEquals(top, node))
            {
                return;
            }
        }
    }

    // pops the elements above this one, leaving it the current node
    private void PopAbove(Node node)
    {
        while (_stack.Count > 0 && !ReferenceEquals(_stack[^1], node))
        {
            Pop();
        }
    }

    // takes one element out of the middle of the stack (the form end tag, the adoption agency)
    private void Remove(Node node)
    {
        var at = _stack.LastIndexOf(node);
        if (at >= 0)
        {
            _stack.RemoveAt(at);
            Closed(node);
        }
    }
}
