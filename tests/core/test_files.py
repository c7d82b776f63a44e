"""``@PATH`` reads regular files only, with the size cap applied while reading (issue 22 item 6)."""
import os
import threading

import pytest

import symgraph
from symgraph.cli.main import main as cli
from symgraph.core.files import MAX_INPUT_BYTES, read_text_file
from symgraph.errors import LimitError, SymgraphError


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


def test_a_fifo_with_no_writer_is_refused_at_once(fifo):
    with pytest.raises(SymgraphError, match="FIFO"):
        read_text_file(fifo)


@pytest.mark.parametrize("path, kind", [("/dev/zero", "character device"), ("/dev/null", "character device")])
def test_a_device_is_refused_by_name(path, kind):
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    with pytest.raises(SymgraphError, match=kind):
        read_text_file(path)


def test_a_directory_is_refused_by_name(tmp_path):
    with pytest.raises(SymgraphError, match="a directory"):
        read_text_file(str(tmp_path))


def test_a_regular_file_is_read_and_a_nul_byte_in_the_path_is_bad_input(tmp_path):
    path = tmp_path / "e.txt"
    path.write_bytes("\ufeffsin(x)".encode("utf-8"))
    assert read_text_file(str(path)) == "sin(x)"
    with pytest.raises(SymgraphError):
        read_text_file(str(path) + "\x00")


def test_a_file_over_the_cap_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x+" * (MAX_INPUT_BYTES // 2 + 1))
    with pytest.raises(LimitError, match="larger than"):
        read_text_file(str(path))


def test_the_cap_holds_while_a_file_grows(tmp_path):
    """A file that keeps growing (another process appending) is cut at the cap, not read to its end."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x")
    stop = threading.Event()

    def grow():
        with open(path, "ab") as fh:
            while not stop.is_set() and fh.tell() < 4 * MAX_INPUT_BYTES:
                fh.write(b"+x" * 65536)
                fh.flush()

    writer = threading.Thread(target=grow)
    writer.start()
    try:
        try:
            text = read_text_file(str(path))
            assert len(text) <= MAX_INPUT_BYTES
        except LimitError:
            pass
    finally:
        stop.set()
        writer.join()


@pytest.mark.parametrize("args", [["grad", "@{p}"], ["grad", "x", "--at", "@{p}"], ["check", "--file", "{p}"]])
def test_the_command_line_refuses_a_fifo_in_every_path_argument(runner, fifo, args):
    result = runner.invoke(cli, [a.format(p=fifo) for a in args])
    assert result.exit_code == 2
    assert "FIFO (named pipe), not a regular file" in result.output


def test_the_api_reads_at_path_through_the_same_reader(fifo):
    with pytest.raises(SymgraphError, match="FIFO"):
        symgraph.grad("x", "@" + fifo)
