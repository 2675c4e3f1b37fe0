# superopt::kernels: sort2 (network ships: human benchmark / find = 1.003 in p5 latency)
# made by: superopt network --n 2 --symbol superopt_sort2
# chosen by: bash scripts/find_kernels.sh 90 sort2 (superopt search --task sort2 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort2, then superopt bench --task sort2 found.s --seconds 20)
	.text
	.globl	superopt_sort2
	.type	superopt_sort2, @function
	.p2align 6
superopt_sort2:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov %eax, %edx
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %edx, %ecx
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	ret
	.size	superopt_sort2, .-superopt_sort2
	.section	.note.GNU-stack,"",@progbits
