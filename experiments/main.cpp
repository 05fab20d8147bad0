// convneat: the command line with ConvNEAT's own tasks (experiments/command_line_main.hpp).
#include "experiments/command_line_main.hpp"

int main(int argc, char** argv) { return convneat::command_line_main(argc, argv, convneat::built_in_tasks()); }
